// Types of the full browser entry (web-full.js): the full API.
export * from './labcore.js'
