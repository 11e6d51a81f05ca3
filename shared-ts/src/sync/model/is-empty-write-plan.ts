import type { CollectionPlan, WritePlan } from './write-plan';

/** True when the plan changes nothing on an existing entity (the entity store need not be called). */
export function isEmptyWritePlan(plan: WritePlan): boolean {
  return (
    plan.target !== null &&
    plan.fields.length === 0 &&
    isEmptyCollectionPlan(plan.comments) &&
    isEmptyCollectionPlan(plan.attachments)
  );
}

function isEmptyCollectionPlan(plan: CollectionPlan): boolean {
  return plan.add.length === 0 && plan.update.length === 0 && plan.remove.length === 0;
}
