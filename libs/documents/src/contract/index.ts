// Test-only entry point: importing this pulls in jest globals. Never import it from production code.
export { documentStoreContract, chunksOf, readAll, type CreateDocumentStore, type DocumentStoreUnderTest } from './document-store.contract';
