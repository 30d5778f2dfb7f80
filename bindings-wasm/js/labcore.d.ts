// Types of labcore in WebAssembly (node.js and web-full.js; web.d.ts is the browser module's subset). The same
// calls and results as the Node addon's: the core's language-neutral JSON, snake_case keys as in labcore's report
// schema (labcore/schema/), typed here at the top level and loosely below it.

export type Payload = string | Uint8Array | ArrayBuffer | ArrayBufferView | Record<string, unknown> | unknown[]
export type Bytes = string | Uint8Array | ArrayBuffer | ArrayBufferView
export type Time = Date | string
export type FormatName = 'auto' | 'labcore' | 'fhir' | 'hl7v2'
export type UnitSystemName = 'conventional' | 'si'
export type Seeds = Record<string, string | string[]>

/** A finding: a stable code, a severity, a JSON pointer, the sender's location (HL7/FHIR) and a PHI-free message. */
export interface Finding {
  code: string
  severity: 'error' | 'warning' | 'info'
  path: string
  location: string | null
  message: string
}

/** One report (one labcore payload, HL7 order or FHIR DiagnosticReport). */
export interface Report {
  accepted: boolean
  status: 'READY' | 'NEEDS_REVIEW' | 'REJECTED'
  status_reasons: string[]
  panel: string | null
  lab_id: string | null
  collected_at: string | null
  unit_system: UnitSystemName
  results: Array<Record<string, any>>
  derived: Array<Record<string, any>>
  completeness: Record<string, any> | null
  findings: Finding[]
}

/** What labcore made of an input. `findings` are those about the input itself (each report has its own). */
export interface Outcome {
  format: 'labcore' | 'fhir' | 'hl7v2'
  accepted: boolean
  status: 'READY' | 'NEEDS_REVIEW' | 'REJECTED'
  reports: Report[]
  findings: Finding[]
  ack_codes: Array<'AA' | 'AE' | 'AR'>
}

export interface Prior {
  analyte: string
  value: number
  unit: string
  collectedAt?: Time
  collected_at?: Time
}

export interface ProcessOptions {
  format?: FormatName
  asOf?: Time
  unitSystem?: UnitSystemName
  labCatalog?: LabCatalog
  priors?: Prior[]
}

export interface AckOptions {
  controlId?: string
  timestamp?: Time
  includeInfo?: boolean
  asOf?: Time
  unitSystem?: UnitSystemName
  labCatalog?: LabCatalog
  priors?: Prior[]
}

export interface FhirOptions {
  format?: FormatName
  asOf?: Time
  unitSystem?: UnitSystemName
  labCatalog?: LabCatalog
  issued?: Time
  subject?: string
}

export interface Change {
  category: string
  operation: string
  location: string
}

export interface Redacted {
  format: 'labcore' | 'fhir' | 'hl7v2' | null
  output: string
  changes: Change[]
}

export interface Detection {
  start: number
  end: number
  category: string
}

export interface RedactOptions {
  format?: FormatName | 'text'
  asOf?: Time
  patient?: string
  seeds?: Seeds
}

/** Loads the module (browsers: `source` is a URL, Response, bytes or WebAssembly.Module; Node: nothing to do). */
export declare function init (source?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<void>
export declare function process (payload: Payload, options?: ProcessOptions): Outcome
export declare function validate (payload: Payload, options?: ProcessOptions): Outcome
export declare function parseHl7 (message: Bytes, options?: Omit<ProcessOptions, 'format'>): Outcome
export declare function ack (message: Bytes, options?: AckOptions): string[]
export declare function toFhir (payload: Payload, options?: FhirOptions): Array<Record<string, any>>
export declare function operationOutcome (payload: Payload, options?: Omit<FhirOptions, 'issued' | 'subject'>): Record<string, any>
export declare function detectFormat (payload: Payload): 'labcore' | 'fhir' | 'hl7v2' | null
export declare function redact (data: Payload, options?: RedactOptions & { policy?: Policy, key?: Bytes }): Redacted

export declare class LabCatalog {
  constructor (text: string, format?: 'toml' | 'json', name?: string)
  get labId (): string | null
}

export declare class Policy {
  static safeHarbor (): Policy
  static limitedDataSet (): Policy
  static categories (): string[]
  withOperation (category: string, operation: 'keep' | 'remove' | 'mask' | 'pseudonym' | 'shift_date' | 'generalize'): Policy
  withZip3 (list: string): Policy
  withShiftDays (days: number): Policy
  operation (category: string): string
  get name (): string
  get zip3 (): string
  get needsKey (): boolean
}

export declare class Redactor {
  constructor (policy?: Policy, key?: Bytes)
  redact (data: Payload, options?: RedactOptions): Redacted
  find (text: string, options?: { seeds?: Seeds }): Detection[]
  get policy (): Policy
}

export declare class LabcoreError extends Error {
  constructor (message: string, code?: string, path?: string, findings?: Finding[])
  readonly code: string
  readonly path: string
  readonly findings: Finding[]
}
export declare class InputError extends LabcoreError {}
export declare class ValidationError extends LabcoreError {}
export declare class CatalogError extends LabcoreError {}
export declare class RedactionError extends LabcoreError {}
export declare class OptionError extends LabcoreError {}
