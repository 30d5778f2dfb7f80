'use strict'
// Error shapes through the Node addon (the cases are shared with the WASM package: ./error-cases.js).
const test = require('node:test')
const labcore = require('../labcore.js')
require('./error-cases.js').registerErrorTests(labcore, test)
