import 'reflect-metadata';
import { runSubgraph } from '../shared/run-subgraph.js';
import { createProfileSubgraph } from './subgraph.js';

await runSubgraph('profile', createProfileSubgraph);
