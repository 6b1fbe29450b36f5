import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StaffConsole } from './StaffConsole.js';
import '../styles.css';
import './staff.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StaffConsole />
  </StrictMode>,
);
