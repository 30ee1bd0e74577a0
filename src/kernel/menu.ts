// The main menu. Each module contributes its items when it registers its
// routes (addMenu); the layout shows the ones the signed-in role may open.
// The kernel knows no module: it only keeps the list.
import type { FastifyRequest } from 'fastify';
import type { MessageKey } from '../i18n/index.js';
import type { App } from '../http/types.js';
import type { Role } from './roles.js';

export interface MenuItem {
  href: string;
  key: MessageKey;
  roles: readonly Role[] | 'all';
  /** Position in the menu: lower first. */
  order: number;
  /** Shown only when this holds for the signed-in person (e.g. heads or appraisers among the
   *  `pegawai`): asked once per page view, after the role filter. */
  when?: (req: FastifyRequest) => Promise<boolean>;
}

export function addMenu(app: App, ...items: MenuItem[]) {
  app.menu.push(...items);
  app.menu.sort((a, b) => a.order - b.order);
}

export function menuFor(items: readonly MenuItem[], role: Role): MenuItem[] {
  return items.filter((n) => n.roles === 'all' || n.roles.includes(role));
}

/** The items a page shows: the role's, then each conditional item asked (one call per distinct `when`). */
export async function resolveMenu(items: readonly MenuItem[], req: FastifyRequest, role: Role) {
  const byRole = menuFor(items, role);
  const asked = new Map<NonNullable<MenuItem['when']>, Promise<boolean>>();
  const shown = await Promise.all(
    byRole.map((n) => {
      if (!n.when) return true;
      let p = asked.get(n.when);
      if (!p) asked.set(n.when, (p = n.when(req)));
      return p;
    }),
  );
  return byRole.filter((_, i) => shown[i]);
}
