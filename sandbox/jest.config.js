/** sandbox's jest project (jest.workspace.cjs). */
module.exports = require('../jest.workspace.cjs')('sandbox');
