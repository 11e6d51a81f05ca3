/** One jest (29, the major @salesforce/sfdx-lwc-jest needs) with a project per workspace. */
module.exports = {
  projects: ['<rootDir>/shared-ts'],
};
