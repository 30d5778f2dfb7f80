// Types of labcore in WebAssembly (node.js and web-full.js; web.d.ts is the browser module's subset). The same
// calls and results as the Node addon's: the core's language-neutral JSON, snake_case keys as in labcore's report
// schema (labcore/schema/), typed here at the top level and loosely below it.

export type Payload = string | Uint8Array | ArrayBuffer | ArrayBufferView | Record<string, unknown> | unknown[]
export type Bytes = string | Uint8Array | ArrayBuffer | ArrayBufferView
import type { Time, FormatName, UnitSystemName, Seeds, Finding, Report, Outcome, Prior, ProcessOptions, AckOptions, FhirOptions, Change, Redacted, Detection, RedactOptions } from './types.js'
export type { Time, FormatName, UnitSystemName, Seeds, Finding, Report, Outcome, Prior, ProcessOptions, AckOptions, FhirOptions, Change, Redacted, Detection, RedactOptions } from './types.js'

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
