/**
 * Forge resolves the handlers of manifest.yml under ./src: this shim re-exports them, by name,
 * from the app's code in forge-app/src. Nothing else belongs here.
 */
export {
  housekeeping,
  issueEvent,
  rendezvous,
  sweep,
  uiResolver,
  workConsumer,
} from '../forge-app/src/forge-functions';
