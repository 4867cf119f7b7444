// The heading slugger of one document: github-slugger's `BananaSlug.slug`, split in two so that a
// heading reused from the previous version (parse/index.ts) replays only the cheap half, making
// its base slug unique among the slugs given so far.
import { slug as baseSlug } from 'github-slugger';

export { baseSlug };

export class Slugger {
  private readonly occurrences: Record<string, number> = Object.create(null);

  /** Same as `new GithubSlugger().slug(value)` in the same sequence of calls. */
  slug(value: string): string {
    return this.unique(baseSlug(value));
  }

  /** The rest of `slug`, given `baseSlug(value)`. */
  unique(base: string): string {
    let result = base;
    while (Object.hasOwnProperty.call(this.occurrences, result)) {
      this.occurrences[base]++;
      result = `${base}-${this.occurrences[base]}`;
    }
    this.occurrences[result] = 0;
    return result;
  }
}
