/** Injection tokens for the framework-free pieces the API composes. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const CLOCK = Symbol('CLOCK');
