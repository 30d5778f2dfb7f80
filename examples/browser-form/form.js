// The pre-check form: every edit is validated in the page by labcore's browser module (WebAssembly) and the
// findings are listed and highlighted where they are in the text; the normalised, flagged results are shown
// below. No request is made but for this page's own files.
import { init, process, InputError } from '../../bindings-wasm/pkg/web.js'
import { locate } from './locate.js'
import { EXAMPLES } from './examples.js'

const $ = (id) => document.getElementById(id)
const payload = $('payload')
const mirror = $('mirror')

/** The narrowest marks that do not overlap (a finding about a whole array gives way to one about its item). */
function disjoint (marks) {
  const chosen = []
  for (const mark of [...marks].sort((a, b) => (a.end - a.start) - (b.end - b.start))) {
    if (chosen.every((c) => mark.end <= c.start || mark.start >= c.end)) chosen.push(mark)
  }
  return chosen.sort((a, b) => a.start - b.start)
}

/** The text with each located finding wrapped in a <mark>. */
function renderMirror (text, marks) {
  mirror.replaceChildren()
  let at = 0
  for (const mark of disjoint(marks)) {
    mirror.append(text.slice(at, mark.start))
    const element = document.createElement('mark')
    element.className = mark.severity
    element.dataset.code = mark.code
    element.textContent = text.slice(mark.start, mark.end)
    mirror.append(element)
    at = mark.end
  }
  mirror.append(text.slice(at) + '\n')
  mirror.scrollTop = payload.scrollTop
}

function findingItem (finding, span) {
  const item = document.createElement('li')
  item.className = `finding ${finding.severity}`
  item.dataset.code = finding.code
  item.dataset.where = finding.location || finding.path
  const code = document.createElement('code')
  code.textContent = finding.code
  const where = document.createElement('span')
  where.className = 'where'
  where.textContent = finding.location || finding.path || '(whole payload)'
  const message = document.createElement('span')
  message.className = 'message'
  message.textContent = finding.message
  item.append(code, ' ', where, ' ', message)
  if (span) {
    item.tabIndex = 0
    item.addEventListener('click', () => {
      payload.focus()
      payload.setSelectionRange(span.start, span.end)
    })
  }
  return item
}

function cell (text) {
  const td = document.createElement('td')
  td.textContent = text ?? ''
  return td
}

/** A value to the significant digits it was reported with (a converted value keeps the original's). */
function shown (result) {
  if (typeof result.value !== 'number') return result.text ?? result.original?.value
  const digits = result.significant_digits
  const value = digits ? Number(result.value.toPrecision(Math.min(Math.max(digits, 1), 21))) : result.value
  return `${result.comparator ?? ''}${value}`
}

function resultRow (result) {
  const row = document.createElement('tr')
  row.dataset.analyte = result.analyte ?? ''
  if (result.flag && result.flag !== 'N') row.classList.add('flagged')
  if (['HH', 'LL', 'AA'].includes(result.flag)) row.classList.add('critical')
  const range = result.range ? `${result.range.low ?? ''}–${result.range.high ?? ''}` : ''
  row.append(cell(result.index + 1), cell(result.display ?? result.original?.analyte), cell(result.loinc),
    cell(shown(result)), cell(result.unit ?? result.original?.unit), cell(range), cell(result.flag))
  return row
}

function show (status, findings, results, text, format) {
  $('status').textContent = status
  $('status').className = `status ${status.toLowerCase()}`
  const marks = []
  $('findings').replaceChildren(...findings.map((finding) => {
    const span = locate(text, format, finding)
    if (span) marks.push({ ...span, severity: finding.severity, code: finding.code })
    return findingItem(finding, span)
  }))
  $('results').tBodies[0].replaceChildren(...results.map(resultRow))
  renderMirror(text, marks)
}

function check () {
  const text = payload.value
  if (text.trim() === '') {
    $('format').textContent = ''
    return show('—', [], [], text, null)
  }
  try {
    const outcome = process(text, { unitSystem: $('units').value })
    const reports = outcome.reports
    const findings = [...outcome.findings, ...reports.flatMap((r) => r.findings)]
    $('format').textContent = { labcore: 'labcore JSON', fhir: 'FHIR R4', hl7v2: 'HL7 v2' }[outcome.format]
    show(outcome.status, findings, reports.flatMap((r) => r.results), text, outcome.format)
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    $('format').textContent = ''
    const where = /line (\d+) column (\d+)/.exec(err.path)
    const finding = { code: err.code, severity: 'error', path: err.path, location: null, message: err.message }
    show('REJECTED', [finding], [], text, null)
    if (where) highlightLineColumn(text, Number(where[1]), Number(where[2]))
  }
}

/** A JSON syntax error: mark the character it points at. */
function highlightLineColumn (text, line, column) {
  const lines = text.split('\n')
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(column - 1, 0)
  renderMirror(text, [{ start, end: Math.min(start + 1, text.length), severity: 'error', code: 'syntax' }])
}

let pending
payload.addEventListener('input', () => {
  clearTimeout(pending)
  pending = setTimeout(check, 120)
})
payload.addEventListener('scroll', () => { mirror.scrollTop = payload.scrollTop })
$('units').addEventListener('change', check)
$('example').addEventListener('change', (event) => {
  payload.value = EXAMPLES[event.target.value] ?? ''
  check()
})

await init()
document.body.dataset.ready = 'true'
check()
