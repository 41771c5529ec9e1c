/**
 * The admin area's sections, in the order of its tabs; the first is what
 * `/admin` opens. A new section adds its entry here, its label to
 * admin-messages.ts and its `@case` to admin-page.component.html.
 */
export const ADMIN_SECTIONS = [
  { id: 'users', label: 'admin.section.users' },
  { id: 'tokens', label: 'admin.section.tokens' },
  { id: 'audit', label: 'admin.section.audit' },
  { id: 'servers', label: 'admin.section.servers' },
  { id: 'connections', label: 'admin.section.connections' },
  { id: 'enrollment', label: 'admin.section.enrollment' },
] as const;

export type AdminSectionId = (typeof ADMIN_SECTIONS)[number]['id'];

/** The section an address names; an unknown or absent one is the first. */
export function sectionOf(id: string | undefined): AdminSectionId {
  return ADMIN_SECTIONS.find((s) => s.id === id)?.id ?? ADMIN_SECTIONS[0].id;
}
