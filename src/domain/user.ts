export type Role = 'provider' | 'coordinator' | 'admin' | 'link_worker' | 'connector' | 'commissioner' | 'buddy' | 'volunteer_lead' | 'contributor';

export const ROLE_LABELS: Record<Role, string> = {
  provider: 'Provider staff',
  coordinator: 'Coordinator',
  admin: 'Administrator',
  link_worker: 'Link worker',
  connector: 'Community connector',
  commissioner: 'Commissioner (aggregate reports only)',
  buddy: 'Heritage Buddy (volunteer)',
  volunteer_lead: 'Volunteer lead',
  contributor: 'Contributor (community heritage)',
};

export type User = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationIds: string[];
  /** The social prescribing scheme a link worker, connector or coordinator works in. */
  schemeId: string | null;
};

export const isCoordinator = (u: User | undefined) => u?.role === 'coordinator' || u?.role === 'admin';
