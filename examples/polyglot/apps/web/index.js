module.exports = { hello: () => 'hello from JS' };
