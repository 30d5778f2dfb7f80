// The types the labcore JS packages share — the Node addon (@labcore/node) and the WebAssembly package
// (@labcore/wasm, whose build copies this file): results are the core's language-neutral JSON, snake_case keys as
// in labcore's report schema (labcore/schema/), typed here at the top level and loosely below it.
import type { LabCatalog } from './labcore.js'

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
