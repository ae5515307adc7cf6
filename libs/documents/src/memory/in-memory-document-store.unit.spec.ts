import { documentStoreContract } from '../contract';
import { InMemoryDocumentStore } from './in-memory-document-store';

documentStoreContract('InMemoryDocumentStore', async () => {
  const store = new InMemoryDocumentStore();
  return { store, cleanup: () => store.close() };
});
