// Page pieces of layanan warga that other modules' pages embed (the approver's queue, status tags, stage names).
export { ApproverQueue, loadQueue, type QueueEntry } from './pages-queue.js';
export { ClockTag, StatusTag, stageName } from './tags.js';
