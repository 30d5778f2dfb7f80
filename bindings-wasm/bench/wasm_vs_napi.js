// Per-payload time of the WebAssembly module in Node against the napi addon, on the same payloads, in one
// process: the 400 generated CBC/CMP/lipid/thyroid payloads of the Rust and Python benchmarks
// (`cargo run -p labcore-benches --example dump_payloads -- <file>`), each processed with its full report
// returned as JS objects. Blocks alternate round by round (napi, browser module, full module, napi, …) and the
// figures are medians over rounds, so a slow moment of the machine hits every contender alike; the ratio is
// the figure that matters. Also HL7 v2 messages and FHIR resources from the conformance samples.
// Usage: node bench/wasm_vs_napi.js <payloads.jsonl> [rounds]
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import * as wasm from '../pkg/node.js'
import * as browser from '../pkg/web.js'

const require = createRequire(import.meta.url)
const napi = require('../../bindings-node/labcore.js')
const [file, roundsArg] = process.argv.slice(2)
if (!file) throw new Error('usage: wasm_vs_napi.js <payloads.jsonl> [rounds]')
const ROUNDS = Number(roundsArg ?? 15)
const AS_OF = '2026-11-25T12:00:00Z'
await browser.init(fs.readFileSync(new URL('../pkg/web/labcore_wasm_bg.wasm', import.meta.url)))

const payloads = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '')
const samples = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', '..', 'conformance')
const hl7 = fs.readdirSync(path.join(samples, 'hl7/samples')).map((f) => fs.readFileSync(path.join(samples, 'hl7/samples', f), 'latin1'))
const fhir = fs.readdirSync(path.join(samples, 'fhir/samples')).map((f) => fs.readFileSync(path.join(samples, 'fhir/samples', f), 'utf8'))

function block (api, inputs, passes) {
  const start = process.hrtime.bigint()
  let accepted = 0
  for (let p = 0; p < passes; p++) {
    for (const input of inputs) {
      try {
        if (api.process(input, { asOf: AS_OF }).accepted) accepted++
      } catch {
        // an unusable input costs its time too
      }
    }
  }
  return { micros: Number(process.hrtime.bigint() - start) / 1000 / (passes * inputs.length), accepted }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function compare (label, inputs, passes) {
  const contenders = { napi, 'wasm (browser module)': browser, 'wasm (full module)': wasm }
  const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]))
  for (const api of Object.values(contenders)) block(api, inputs, 1) // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, api] of Object.entries(contenders)) times[name].push(block(api, inputs, passes).micros)
  }
  const base = median(times.napi)
  console.log(`${label} (${inputs.length} inputs, ${ROUNDS} rounds × ${passes} passes, medians):`)
  for (const [name, series] of Object.entries(times)) {
    const m = median(series)
    console.log(`  ${name.padEnd(24)} ${m.toFixed(1).padStart(8)} µs/input  ${(m / base).toFixed(2)}× napi`)
  }
  return median(times['wasm (browser module)']) / base
}

const ratio = compare('labcore JSON payloads', payloads, 3)
compare('HL7 v2 samples', hl7, 20)
compare('FHIR R4 samples', fhir, 20)
console.log(`per-payload time of the browser module within 3× of napi: ${ratio <= 3 ? 'yes' : 'NO'} (${ratio.toFixed(2)}×)`)
