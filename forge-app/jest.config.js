/** forge-app's jest project (jest.workspace.cjs). */
module.exports = require('../jest.workspace.cjs')('forge-app');
