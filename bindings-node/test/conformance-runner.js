'use strict'
// The conformance corpus (conformance/README.md) as a JS runner: reads a case, runs it through a labcore API
// object (the Node addon's `labcore.js`, or later the WASM package) and returns the list of problems found.
// The same rules as labcore/tests/conformance.rs and bindings-python/tests/test_conformance.py.

const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.resolve(__dirname, '..', '..', 'conformance')
const DEFAULT_AS_OF = '2026-11-25T12:00:00Z'
const PLANTED_ID = 'MRN-7741-SECRET'

function casePaths (...dirs) {
  return dirs.flatMap((d) => fs.readdirSync(path.join(ROOT, d)).filter((f) => f.endsWith('.json')).sort()
    .map((f) => path.join(ROOT, d, f)))
}

function caseInput (c) {
  if (typeof c.input_text === 'string') return Buffer.from(c.input_text)
  if (Array.isArray(c.input_text)) return Buffer.from(c.input_text.map((l) => `${l}\r`).join(''))
  if (typeof c.input_base64 === 'string') return Buffer.from(c.input_base64, 'base64')
  return Buffer.from(JSON.stringify(c.input))
}

function caseOptions (labcore, c) {
  const context = c.context || {}
  const options = { asOf: context.as_of || DEFAULT_AS_OF, unitSystem: context.unit_system || 'conventional', priors: context.priors }
  if (context.lab_catalog) options.labCatalog = new labcore.LabCatalog(context.lab_catalog, 'toml', 'case')
  return options
}

const isNumber = (v) => typeof v === 'number'

function subset (wanted, got, tolerance, where, problems) {
  if (wanted !== null && typeof wanted === 'object' && !Array.isArray(wanted)) {
    if (got === null || typeof got !== 'object' || Array.isArray(got)) return problems.push(`${where}: ${JSON.stringify(got)} is not an object`)
    for (const [key, value] of Object.entries(wanted)) subset(value, got[key] === undefined ? null : got[key], tolerance, `${where}.${key}`, problems)
  } else if (Array.isArray(wanted) && Array.isArray(got) && wanted.length === got.length) {
    wanted.forEach((w, i) => subset(w, got[i], tolerance, `${where}[${i}]`, problems))
  } else if (isNumber(wanted) && isNumber(got)) {
    if (Math.abs(wanted - got) > Math.max(tolerance, 1e-9 * Math.abs(wanted))) problems.push(`${where}: ${got} is not ${wanted}`)
  } else if (JSON.stringify(wanted) !== JSON.stringify(got)) {
    problems.push(`${where}: ${JSON.stringify(got)} is not ${JSON.stringify(wanted)}`)
  }
}

function checkReport (report, expect, problems) {
  const tolerance = expect.tolerance ?? 1e-9
  for (const wanted of expect.results || []) {
    const got = report.results.find((r) => r.index === wanted.index)
    if (!got) problems.push(`no result with index ${wanted.index}`)
    else subset(wanted, got, tolerance, `result ${wanted.index}`, problems)
  }
  for (const key of ['status', 'panel', 'lab_id', 'collected_at']) {
    if (key in expect && JSON.stringify(report[key] ?? null) !== JSON.stringify(expect[key])) {
      problems.push(`${key} is ${JSON.stringify(report[key])}, expected ${JSON.stringify(expect[key])}`)
    }
  }
  if (expect.status_reasons) {
    const sorted = (a) => JSON.stringify([...a].sort())
    if (sorted(report.status_reasons) !== sorted(expect.status_reasons)) problems.push('status_reasons differ')
  }
  for (const wanted of expect.derived || []) {
    const got = report.derived.find((d) => d.method === wanted.method)
    if (!got) problems.push(`no derived value by ${wanted.method}`)
    else subset(wanted, got, tolerance, `derived ${wanted.method}`, problems)
  }
  if (expect.completeness) subset(expect.completeness, report.completeness, tolerance, 'completeness', problems)
}

function checkFindings (findings, wanted, expect, problems) {
  if (!Array.isArray(wanted)) return
  const ignore = new Set(expect.ignore || [])
  const left = findings.filter((f) => !ignore.has(f.code))
  const missing = []
  for (const want of wanted) {
    const i = left.findIndex((f) => ['code', 'path', 'location', 'severity'].every((k) => !(k in want) || JSON.stringify(f[k]) === JSON.stringify(want[k])))
    if (i < 0) missing.push(want)
    else left.splice(i, 1)
  }
  if (missing.length || left.length) problems.push(`findings differ: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(left.map((f) => [f.code, f.path]))}`)
}

/** Runs one case file; returns the problems (empty when the case passes). */
function runCase (labcore, file) {
  const c = JSON.parse(fs.readFileSync(file, 'utf8'))
  const expect = c.expect
  const options = caseOptions(labcore, c)
  const problems = []
  let outcome
  try {
    outcome = labcore.process(caseInput(c), { ...options, format: c.format })
  } catch (err) {
    if (!(err instanceof labcore.InputError)) throw err
    if (JSON.stringify(err) .includes(PLANTED_ID) || String(err.message).includes(PLANTED_ID)) problems.push('error leaks the patient id')
    if (expect.error !== err.code) problems.push(`unexpected error ${err.code}`)
    return problems
  }
  if ('error' in expect) return [`expected error ${expect.error}, got a report`]
  const reports = outcome.reports
  const findings = [...outcome.findings, ...reports.flatMap((r) => r.findings)]
  let acks = []
  if (outcome.format === 'hl7v2') {
    const ackContext = (c.context || {}).ack || {}
    acks = labcore.ack(caseInput(c), { ...options, controlId: ackContext.control_id || 'ACK-1', timestamp: ackContext.timestamp || options.asOf, includeInfo: ackContext.include_info || false })
  }
  for (const rendered of [...findings.map((f) => JSON.stringify(f)), ...acks]) {
    if (rendered.includes(PLANTED_ID)) problems.push('the patient id leaks')
  }
  if ('accepted' in expect && outcome.accepted !== expect.accepted) problems.push(`accepted is ${outcome.accepted}`)
  if ('report_count' in expect && reports.length !== expect.report_count) problems.push(`${reports.length} reports`)
  if (Array.isArray(expect.reports)) {
    if (reports.length !== expect.reports.length) problems.push(`${reports.length} reports, expected ${expect.reports.length}`)
    expect.reports.forEach((want, i) => {
      if (!reports[i]) return
      checkReport(reports[i], want, problems)
      if ('findings' in want) checkFindings(reports[i].findings, want.findings, want, problems)
    })
  } else {
    checkReport(reports[0] || { findings: [], results: [], derived: [] }, expect, problems)
  }
  if ('findings' in expect) checkFindings(findings, expect.findings, expect, problems)
  if (expect.ack_codes) {
    const codes = outcome.ack_codes.length ? outcome.ack_codes : ['AR']
    if (JSON.stringify(codes) !== JSON.stringify(expect.ack_codes)) problems.push(`ACK codes ${JSON.stringify(codes)}`)
  }
  if (Array.isArray(expect.acks)) {
    const wanted = expect.acks.map((a) => Array.isArray(a) ? a.map((s) => `${s}\r`).join('') : a)
    if (JSON.stringify(wanted) !== JSON.stringify(acks)) problems.push('ACKs differ')
  }
  return problems
}

/** What samples.json pins of each published sample. */
function sampleSummary (labcore, file) {
  const outcome = labcore.process(fs.readFileSync(file), { asOf: DEFAULT_AS_OF })
  return {
    format: outcome.format,
    accepted: outcome.accepted,
    ack_codes: outcome.format === 'hl7v2' ? outcome.ack_codes : null,
    reports: outcome.reports.map((r) => ({ status: r.status, panel: r.panel, results: r.results.length, status_reasons: r.status_reasons }))
  }
}

function samplePaths () {
  return ['hl7/samples', 'fhir/samples'].flatMap((d) => fs.readdirSync(path.join(ROOT, d)).sort().map((f) => path.join(ROOT, d, f)))
}

module.exports = { ROOT, PLANTED_ID, casePaths, runCase, samplePaths, sampleSummary }
