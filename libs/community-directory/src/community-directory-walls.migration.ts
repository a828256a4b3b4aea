import { Wall, wallsMigration } from '@ccndr/persistence';

/** Row-level security on the directory's tables, as on the service's own. */
const walls: Wall[] = [{ table: 'consortia' }, { table: 'organizations' }, { table: 'members' }];

export const CommunityDirectoryWalls1764000009100 = wallsMigration('CommunityDirectoryWalls1764000009100', walls);
