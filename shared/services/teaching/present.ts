// A section as the API shows it: without its organisation path (an internal scope key).
import type { Section } from '#shared/domain/teaching/course.ts';

export function presentSection(section: Section): Omit<Section, 'orgPath'> {
  const { orgPath: _orgPath, ...shown } = section;
  return shown;
}
