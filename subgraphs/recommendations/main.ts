import 'reflect-metadata';
import { runSubgraph } from '../shared/run-subgraph.js';
import { createRecommendationsSubgraph } from './subgraph.js';

await runSubgraph('recommendations', createRecommendationsSubgraph);
