import 'reflect-metadata';
import { runPartner } from '../shared/partner-kit.js';
import { partner } from './partner.js';

await runPartner('gen-5465', partner);
