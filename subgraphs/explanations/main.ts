import 'reflect-metadata';
import { runSubgraph } from '../shared/run-subgraph.js';
import { createExplanationsSubgraph } from './subgraph.js';

await runSubgraph('explanations', createExplanationsSubgraph);
