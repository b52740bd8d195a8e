import type { DistributionFile } from './distribution-files';
import { planUpload, type LocalFile } from './upload-plan';

const WHEEL: LocalFile = { fileName: 'my_lib-1.2.0-py3-none-any.whl', sha256: 'aa11' };
const SDIST: LocalFile = { fileName: 'my_lib-1.2.0.tar.gz', sha256: 'bb22' };
const listed = (filename: string, sha256?: string): DistributionFile => ({ filename, url: `http://index/${filename}`, sha256, yanked: false });

describe('planUpload', () => {
  it('uploads everything when the index does not know the project or the version', () => {
    expect(planUpload([SDIST, WHEEL], null, 'my-lib', '1.2.0')).toEqual({
      outcome: 'new',
      files: [{ ...SDIST, decision: 'upload' }, { ...WHEEL, decision: 'upload' }],
      onlyOnIndex: [],
    });
    const older = [listed('my_lib-1.1.0.tar.gz', 'cc'), listed('my_lib-1.1.0-py3-none-any.whl', 'dd')];
    expect(planUpload([SDIST, WHEEL], older, 'my-lib', '1.2.0').outcome).toBe('new');
  });

  it('is already published when every file is there with the same digest (compared case-insensitively)', () => {
    const plan = planUpload([SDIST, WHEEL], [listed('my_lib-1.2.0.tar.gz', 'BB22'), listed('my_lib-1.2.0-py3-none-any.whl', 'aa11')], 'my-lib', '1.2.0');
    expect(plan.outcome).toBe('already-published');
    expect(plan.files.map((f) => f.decision)).toEqual(['present', 'present']);
  });

  it('uploads only what is missing after a partial upload', () => {
    const plan = planUpload([SDIST, WHEEL], [listed('my_lib-1.2.0.tar.gz', 'bb22')], 'my-lib', '1.2.0');
    expect(plan.outcome).toBe('partial');
    expect(plan.files.map((f) => [f.fileName, f.decision])).toEqual([['my_lib-1.2.0.tar.gz', 'present'], ['my_lib-1.2.0-py3-none-any.whl', 'upload']]);
  });

  it('treats wheels of other platforms on the index as partial, and lists them', () => {
    const native: LocalFile = { fileName: 'fast-0.4.0-cp39-abi3-manylinux_2_28_x86_64.whl', sha256: 'ee' };
    const plan = planUpload([native], [listed('fast-0.4.0-cp39-abi3-win_amd64.whl', 'ff')], 'fast', '0.4.0');
    expect(plan).toMatchObject({ outcome: 'partial', onlyOnIndex: ['fast-0.4.0-cp39-abi3-win_amd64.whl'] });
  });

  it('is a conflict when a file of the same name has other bytes, even if others match', () => {
    const plan = planUpload([SDIST, WHEEL], [listed('my_lib-1.2.0.tar.gz', 'bb22'), listed('my_lib-1.2.0-py3-none-any.whl', '0000')], 'my-lib', '1.2.0');
    expect(plan.outcome).toBe('conflict');
    expect(plan.files.map((f) => f.decision)).toEqual(['present', 'conflict']);
  });

  it('counts a listed file without a digest as present (nothing to compare), and matches versions after normalisation', () => {
    expect(planUpload([WHEEL], [listed('my_lib-1.2.0-py3-none-any.whl')], 'my-lib', '1.2.0').outcome).toBe('already-published');
    const rc: LocalFile = { fileName: 'my_lib-1.3.0rc1.tar.gz', sha256: 'ab' };
    expect(planUpload([rc], [listed('my-lib-1.3.0-rc.1.tar.gz', 'ab')], 'my-lib', '1.3.0rc1').onlyOnIndex).toEqual(['my-lib-1.3.0-rc.1.tar.gz']);
  });
});
