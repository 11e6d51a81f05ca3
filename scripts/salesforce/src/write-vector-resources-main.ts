import { writeVectorResources } from './vector-resources';

// Entry of `npm run vectors:salesforce` (bundled by write-vector-resources.mjs).
for (const r of writeVectorResources()) {
  process.stdout.write(`${r.name}.resource: ${r.files.size} vectors, ${r.zip.length} bytes\n`);
}
