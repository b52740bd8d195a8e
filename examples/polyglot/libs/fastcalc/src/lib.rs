use pyo3::prelude::*;

/// Adds two integers in Rust.
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    fastcalc_core::add(a, b)
}

#[pymodule]
fn demo_fastcalc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
