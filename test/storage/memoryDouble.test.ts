import { MemoryDocumentStore } from '../support/memoryDocumentStore';
import { describeDocumentStoreContract } from './documentStoreContract';

// The in-memory test double must behave like the real stores, or tests that use it prove nothing.
describeDocumentStoreContract('in-memory test double', async () => new MemoryDocumentStore());
