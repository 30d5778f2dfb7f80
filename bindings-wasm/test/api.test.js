// Conversions through the WebAssembly modules (the cases are the Node addon's: bindings-node/test/api-cases.js),
// and the package's surface: each entry exports what its .d.ts declares, and the browser module no more.
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import * as wasm from '../pkg/node.js'
import * as browser from '../pkg/web.js'

const require = createRequire(import.meta.url)
const { registerApiTests } = require('../../bindings-node/test/api-cases.js')

await browser.init(fs.readFileSync(new URL('../pkg/web/labcore_wasm_bg.wasm', import.meta.url)))

registerApiTests(wasm, test, { label: 'full module: ' })
registerApiTests(browser, test, { label: 'browser module: ', toml: false })

/** The value names a .d.ts file declares (functions, classes; types left out). */
function declared (file) {
  const text = fs.readFileSync(new URL(`../pkg/${file}`, import.meta.url), 'utf8')
  const names = [...text.matchAll(/^export declare (?:function|class) (\w+)/gm)].map((m) => m[1])
  for (const m of text.matchAll(/^export \{([^}]*)\} from/gm)) names.push(...m[1].split(',').map((n) => n.trim()))
  return names.sort()
}

test('each entry exports exactly what its types declare', () => {
  assert.deepEqual(Object.keys(wasm).sort(), declared('labcore.d.ts'))
  assert.deepEqual(Object.keys(browser).sort(), declared('web.d.ts'))
  const napi = Object.keys(require('../../bindings-node/labcore.js')).sort()
  assert.deepEqual(Object.keys(wasm).filter((n) => n !== 'init').sort(), napi, 'the same calls as the Node addon')
})
