// Page pieces of layanan warga that other modules' pages embed (the queue, status tags, stage names).
export { QueueList, StatusTag, stageName } from './pages.js';
