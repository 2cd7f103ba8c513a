// `?url` imports (the generated fixtures): Vite's client types declare them.
/// <reference types="vite/client" />
