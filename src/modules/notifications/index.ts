// The notifications' public surface for batched statements of other modules:
// the fragments that notify everyone holding a role above a region, written
// by this module (the owner of notifications and deliveries), used inside the
// caller's statement so a change and its notices commit together.
export { ROLE_NOTICE_COLUMNS, roleNoticeCtes, roleNoticeRow, type RoleNoticeCtes, type RoleNoticeRow } from './repo.js';
