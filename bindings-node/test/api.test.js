'use strict'
// Conversions through the Node addon (the cases are shared with the WASM package: ./api-cases.js).
const test = require('node:test')
const labcore = require('../labcore.js')
require('./api-cases.js').registerApiTests(labcore, test)
