// Types of the Node entry (node.js): the full API.
export * from './labcore.js'
