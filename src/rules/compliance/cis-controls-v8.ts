import type { Framework } from './framework.ts';

// CIS Critical Security Controls v8: the safeguards a SaaS tenant's configuration can evidence.
// Ids and titles as published by the Center for Internet Security (v8, May 2021).

const software = '2. Inventory and Control of Software Assets';
const data = '3. Data Protection';
const config = '4. Secure Configuration of Enterprise Assets and Software';
const accounts = '5. Account Management';
const access = '6. Access Control Management';
const audit = '8. Audit Log Management';
const vulnerabilities = '7. Continuous Vulnerability Management';
const network = '13. Network Monitoring and Defense';
const providers = '15. Service Provider Management';
const appsec = '16. Application Software Security';

export const cisControlsV8: Framework = {
  id: 'cis-controls-v8',
  title: 'CIS Critical Security Controls v8',
  version: 'v8',
  url: 'https://www.cisecurity.org/controls/v8',
  note:
    'Safeguards that a configuration check of an Atlassian Cloud organization can speak to; ' +
    'endpoint, network hardware, malware and training safeguards are out of scope.',
  controls: [
    { id: '2.1', title: 'Establish and Maintain a Software Inventory', group: software },
    { id: '2.3', title: 'Address Unauthorized Software', group: software },
    { id: '2.5', title: 'Allowlist Authorized Software', group: software },
    { id: '3.1', title: 'Establish and Maintain a Data Management Process', group: data },
    { id: '3.3', title: 'Configure Data Access Control Lists', group: data },
    { id: '3.4', title: 'Enforce Data Retention', group: data },
    { id: '3.12', title: 'Segment Data Processing and Storage Based on Sensitivity', group: data },
    { id: '3.14', title: 'Log Sensitive Data Access', group: data },
    { id: '4.1', title: 'Establish and Maintain a Secure Configuration Process', group: config },
    { id: '4.3', title: 'Configure Automatic Session Locking on Enterprise Assets', group: config },
    { id: '4.7', title: 'Manage Default Accounts on Enterprise Assets and Software', group: config },
    {
      id: '4.8',
      title: 'Uninstall or Disable Unnecessary Services on Enterprise Assets and Software',
      group: config,
    },
    { id: '4.10', title: 'Enforce Automatic Device Lockout on Portable End-User Devices', group: config },
    { id: '4.11', title: 'Enforce Remote Wipe Capability on Portable End-User Devices', group: config },
    { id: '5.1', title: 'Establish and Maintain an Inventory of Accounts', group: accounts },
    { id: '5.2', title: 'Use Unique Passwords', group: accounts },
    { id: '5.3', title: 'Disable Dormant Accounts', group: accounts },
    {
      id: '5.4',
      title: 'Restrict Administrator Privileges to Dedicated Administrator Accounts',
      group: accounts,
    },
    { id: '5.5', title: 'Establish and Maintain an Inventory of Service Accounts', group: accounts },
    { id: '5.6', title: 'Centralize Account Management', group: accounts },
    { id: '6.1', title: 'Establish an Access Granting Process', group: access },
    { id: '6.2', title: 'Establish an Access Revoking Process', group: access },
    { id: '6.3', title: 'Require MFA for Externally-Exposed Applications', group: access },
    { id: '6.4', title: 'Require MFA for Remote Network Access', group: access },
    { id: '6.5', title: 'Require MFA for Administrative Access', group: access },
    { id: '6.7', title: 'Centralize Access Control', group: access },
    { id: '6.8', title: 'Define and Maintain Role-Based Access Control', group: access },
    { id: '8.2', title: 'Collect Audit Logs', group: audit },
    { id: '8.9', title: 'Centralize Audit Logs', group: audit },
    { id: '8.10', title: 'Retain Audit Logs', group: audit },
    { id: '8.11', title: 'Conduct Audit Log Reviews', group: audit },
    { id: '13.1', title: 'Centralize Security Event Alerting', group: network },
    { id: '15.1', title: 'Establish and Maintain an Inventory of Service Providers', group: providers },
    { id: '15.2', title: 'Establish and Maintain a Service Provider Management Policy', group: providers },
    { id: '15.5', title: 'Assess Service Providers', group: providers },
    { id: '15.6', title: 'Monitor Service Providers', group: providers },
    { id: '3.10', title: 'Encrypt Sensitive Data in Transit', group: data },
    { id: '2.2', title: 'Ensure Authorized Software is Currently Supported', group: software },
    { id: '7.4', title: 'Perform Automated Application Patch Management', group: vulnerabilities },
    { id: '3.11', title: 'Encrypt Sensitive Data at Rest', group: data },
    { id: '16.1', title: 'Establish and Maintain a Secure Application Development Process', group: appsec },
  ],
};
