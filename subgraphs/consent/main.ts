import 'reflect-metadata';
import { runSubgraph } from '../shared/run-subgraph.js';
import { createConsentSubgraph } from './subgraph.js';

await runSubgraph('consent', createConsentSubgraph);
