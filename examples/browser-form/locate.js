// Where a finding is in the text the vendor typed: a JSON pointer (`/results/0/unit`) in JSON, an HL7 location
// (`OBX[3]-6`, `PID[1]-7.1`) in HL7 v2. Returns `{start, end}` in UTF-16 indices (what the textarea counts), or
// null. Tolerant: the text may be half-typed; what cannot be found is not highlighted.

/** The span of the value at JSON pointer `pointer` in JSON `text`. */
export function locateJson (text, pointer) {
  const wanted = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  const spans = new Map()
  try {
    scanValue(text, skipSpace(text, 0), [], spans)
  } catch {
    // a half-typed document: keep what was found
  }
  const exact = spans.get(wanted.join('/'))
  if (exact) return exact
  // A finding about a missing member: the opening bracket of its deepest existing ancestor.
  for (let depth = wanted.length - 1; depth >= 0; depth--) {
    const span = spans.get(wanted.slice(0, depth).join('/'))
    if (span) return { start: span.start, end: span.start + 1 }
  }
  return null
}

function skipSpace (text, at) {
  while (at < text.length && ' \t\r\n'.includes(text[at])) at++
  return at
}

function scanString (text, at) {
  let i = at + 1
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
  if (i >= text.length) throw new Error('unterminated string')
  return i + 1
}

/** Scans the value at `at`, records its span under its path, and returns where it ends. */
function scanValue (text, at, path, spans) {
  const c = text[at]
  let end
  if (c === '{') end = scanContainer(text, at, '}', path, spans, true)
  else if (c === '[') end = scanContainer(text, at, ']', path, spans, false)
  else if (c === '"') end = scanString(text, at)
  else {
    end = at
    while (end < text.length && !',}] \t\r\n'.includes(text[end])) end++
    if (end === at) throw new Error('no value')
  }
  spans.set(path.join('/'), { start: at, end })
  return end
}

function scanContainer (text, at, close, path, spans, isObject) {
  let i = skipSpace(text, at + 1)
  let index = 0
  while (i < text.length && text[i] !== close) {
    let key = String(index++)
    if (isObject) {
      const keyEnd = scanString(text, i)
      key = JSON.parse(text.slice(i, keyEnd))
      i = skipSpace(text, keyEnd)
      if (text[i] !== ':') throw new Error('no colon')
      i = skipSpace(text, i + 1)
    }
    i = skipSpace(text, scanValue(text, i, [...path, key], spans))
    if (text[i] === ',') i = skipSpace(text, i + 1)
    else if (text[i] !== close) throw new Error('no separator')
  }
  if (i >= text.length) throw new Error('unterminated container')
  return i + 1
}

/** The span of an HL7 v2 location (`SEG[n]-f.c`, `SEG[n]-f`, `SEG[n]`) in the message text. */
export function locateHl7 (text, location) {
  const m = /^([A-Z0-9]{3})(?:\[(\d+)\])?(?:-(\d+)(?:\[(\d+)\])?(?:\.(\d+))?)?/.exec(location)
  if (!m) return null
  const [, segment, ordinal = '1', field, , component] = m
  const separator = text.startsWith('MSH') ? text[3] : '|'
  const lines = []
  const pattern = /[^\r\n]+/g
  let found
  while ((found = pattern.exec(text)) !== null) lines.push({ start: found.index, line: found[0] })
  const hits = lines.filter((l) => l.line.startsWith(segment + separator) || l.line === segment)
  const hit = hits[Number(ordinal) - 1]
  if (!hit) return null
  if (!field) return { start: hit.start, end: hit.start + hit.line.length }
  // MSH-1 is the separator itself, so MSH field n is the (n-1)th after the segment name; elsewhere the nth.
  const index = segment === 'MSH' ? Number(field) - 1 : Number(field)
  const fields = hit.line.split(separator)
  if (index < 1 || index >= fields.length) return { start: hit.start, end: hit.start + hit.line.length }
  let start = hit.start + fields.slice(0, index).join(separator).length + 1
  let end = start + fields[index].length
  if (component && fields[index].includes('^')) {
    const parts = fields[index].split('^')
    const k = Number(component) - 1
    if (k >= 0 && k < parts.length) {
      start += parts.slice(0, k).join('^').length + (k > 0 ? 1 : 0)
      end = start + parts[k].length
    }
  }
  return end > start ? { start, end } : { start: hit.start, end: hit.start + hit.line.length }
}

/** A FHIR location (`Bundle.entry[2].resource.valueQuantity`) as a JSON pointer into the resource's JSON. */
export function fhirPointer (location) {
  const steps = location.split('.').slice(1)
  return steps.map((step) => step.replace(/\[(\d+)\]/g, '/$1')).map((s) => '/' + s).join('')
}

/** Where a finding is in `text` of `format`: the sender's location when there is one, else the JSON pointer. */
export function locate (text, format, finding) {
  if (format === 'hl7v2') return finding.location ? locateHl7(text, finding.location) : null
  if (format === 'fhir') return finding.location ? locateJson(text, fhirPointer(finding.location)) : null
  return locateJson(text, finding.path)
}
