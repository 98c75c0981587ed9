// A small workspace written for the corpus-view and unannotated-text tests: two articles in the style
// of the corpus (our own text), annotations for some of their actors, and one name left unannotated.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const gridArticle = `Analysis

Cables Under the Baltic

Ministers from Estonia and Finland met in Tallinn on March 4, 2024 to discuss the damaged cable.[1] Kadri Mets, a grid engineer, said repairs would take until 2025.

Kadri Mets later told reporters that Finland had paid 40 million euros. Mets added that Estonia would pay the rest.

From 2009 to 2011 the operators studied the link. The cost rose by 30 percent in 2023, and 12 engineers left.[2] Nobody denied it.

[1] “Cable talks resume”, Baltic Wire, https://example.org/cable-talks, (Access Date: 06.02.2024).

[2] “Engineers leave the project”, Baltic Wire, https://example.org/engineers, (Access Date: 07.02.2024).
`;

export const summitArticle = `Summit Notes

Estonia hosted the summit in June 2023. Finland sent Kadri Mets.

Professor Ilmar Tamm, a historian, argued that the talks had failed.
`;

const actors = `actors:
  - id: estonia
    name: Estonia
    kind: country
  - id: finland
    name: Finland
    kind: country
  - id: tallinn
    name: Tallinn
    kind: place
  - id: kadri-mets
    name: Kadri Mets
    kind: person
  - id: baltic-wire
    name: Baltic Wire
    kind: media
articles:
  - file: articles/grid.txt
    title: Cables Under the Baltic
    published: 2024-03-10
`;

/** Writes the workspace into a fresh temporary folder and returns its path. */
export async function writeCorpusWorkspace(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'annotated-reading-corpus-'));
  await fs.mkdir(path.join(root, 'articles'));
  await fs.mkdir(path.join(root, 'annotations'));
  await fs.writeFile(path.join(root, 'articles', 'grid.txt'), gridArticle);
  await fs.writeFile(path.join(root, 'articles', 'summit.txt'), summitArticle);
  await fs.writeFile(path.join(root, 'annotations', 'actors.yaml'), actors);
  return root;
}
