/**
 * A worker thread that indexes part of the workspace's articles on the second core. It parses the actor
 * files into its own annotation context, then answers each job, a list of article files, with their
 * summaries and packed mentions.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalysisLimits } from '../core/analysis';
import { parseAnnotationFile } from '../core/annotations';
import { WorkspaceModel, type TransferredArticle } from '../core/workspace';
import { readTextFileSync } from '../node/files';
import type { IndexJob, IndexResult, WorkerSetup } from './indexer';

const setup = workerData as WorkerSetup;
const limits: AnalysisLimits = { maxArticleLength: setup.maxArticleLength };
const model = new WorkspaceModel(limits);
model.setParsedAnnotationFiles(setup.annotations.map(({ uri, text }) => parseAnnotationFile(uri, text)));
// The texts are not needed again, and on this thread's small heap their megabytes matter.
setup.annotations.length = 0;
// Built now, before the first job is taken.
void model.annotations;
parentPort?.on('message', run);
/** Date values already sent to the server's thread; each result carries the ones added since. */
let valuesSent = 0;

function run(job: IndexJob): void {
  const articles: TransferredArticle[] = [];
  const skipped: IndexResult['skipped'] = [];
  for (const { file, uri, relativePath, markdown } of job.files) {
    const read = readTextFileSync(file, setup.maxBytes);
    if (read.ok) articles.push(model.indexForTransfer({ uri, relativePath, text: read.text, markdown }));
    else skipped.push({ file, reason: read.reason });
  }
  const values: IndexResult['values'] = [];
  for (; valuesSent < model.dateValues.size; valuesSent++) values.push([model.dateValues.value(valuesSent), model.dateValues.precision(valuesSent)]);
  const result: IndexResult = { id: job.id, articles, skipped, values };
  const buffers = articles.flatMap((a) => [a.corpus.dates.buffer, a.corpus.pairs.buffer, a.mentionEnds.buffer, a.ranges.buffer]);
  parentPort?.postMessage(result, buffers as ArrayBuffer[]);
}
