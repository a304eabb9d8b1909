import type { Framework } from './framework.ts';

// NIST SP 800-53 Rev. 5: the controls and enhancements a SaaS tenant's configuration can evidence.
// Ids and titles as in the NIST catalogue (enhancements written `AC-2(3)`).

const ac = 'AC Access Control';
const au = 'AU Audit and Accountability';
const cm = 'CM Configuration Management';
const ia = 'IA Identification and Authentication';
const sa = 'SA System and Services Acquisition';
const sc = 'SC System and Communications Protection';
const si = 'SI System and Information Integrity';
const sr = 'SR Supply Chain Risk Management';

export const nist80053r5: Framework = {
  id: 'nist-800-53-r5',
  title: 'NIST SP 800-53 Rev. 5',
  version: 'Revision 5',
  url: 'https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final',
  note:
    'Controls of the technical families that a configuration check of an Atlassian Cloud ' +
    'organization can evidence; physical, personnel and planning families are out of scope.',
  controls: [
    { id: 'AC-2', title: 'Account Management', group: ac },
    { id: 'AC-2(3)', title: 'Disable Accounts', group: ac },
    { id: 'AC-2(7)', title: 'Privileged User Accounts', group: ac },
    { id: 'AC-3', title: 'Access Enforcement', group: ac },
    { id: 'AC-5', title: 'Separation of Duties', group: ac },
    { id: 'AC-6', title: 'Least Privilege', group: ac },
    { id: 'AC-6(5)', title: 'Privileged Accounts', group: ac },
    { id: 'AC-6(7)', title: 'Review of User Privileges', group: ac },
    { id: 'AC-11', title: 'Device Lock', group: ac },
    { id: 'AC-12', title: 'Session Termination', group: ac },
    { id: 'AC-14', title: 'Permitted Actions Without Identification or Authentication', group: ac },
    { id: 'AC-17', title: 'Remote Access', group: ac },
    { id: 'AC-19', title: 'Access Control for Mobile Devices', group: ac },
    { id: 'AC-20', title: 'Use of External Systems', group: ac },
    { id: 'AC-21', title: 'Information Sharing', group: ac },
    { id: 'AC-22', title: 'Publicly Accessible Content', group: ac },
    { id: 'AU-2', title: 'Event Logging', group: au },
    { id: 'AU-6', title: 'Audit Record Review, Analysis, and Reporting', group: au },
    { id: 'AU-11', title: 'Audit Record Retention', group: au },
    { id: 'AU-12', title: 'Audit Record Generation', group: au },
    { id: 'CM-2', title: 'Baseline Configuration', group: cm },
    { id: 'CM-6', title: 'Configuration Settings', group: cm },
    { id: 'CM-7', title: 'Least Functionality', group: cm },
    { id: 'CM-8', title: 'System Component Inventory', group: cm },
    { id: 'CM-10', title: 'Software Usage Restrictions', group: cm },
    { id: 'CM-11', title: 'User-installed Software', group: cm },
    { id: 'IA-2', title: 'Identification and Authentication (Organizational Users)', group: ia },
    { id: 'IA-2(1)', title: 'Multi-factor Authentication to Privileged Accounts', group: ia },
    { id: 'IA-2(2)', title: 'Multi-factor Authentication to Non-privileged Accounts', group: ia },
    { id: 'IA-4', title: 'Identifier Management', group: ia },
    { id: 'IA-5', title: 'Authenticator Management', group: ia },
    { id: 'IA-5(1)', title: 'Password-based Authentication', group: ia },
    { id: 'IA-8', title: 'Identification and Authentication (Non-organizational Users)', group: ia },
    { id: 'IA-11', title: 'Re-authentication', group: ia },
    { id: 'SA-9', title: 'External System Services', group: sa },
    { id: 'SC-7', title: 'Boundary Protection', group: sc },
    { id: 'SC-10', title: 'Network Disconnect', group: sc },
    { id: 'SI-4', title: 'System Monitoring', group: si },
    { id: 'SR-3', title: 'Supply Chain Controls and Processes', group: sr },
    { id: 'SR-6', title: 'Supplier Assessments and Reviews', group: sr },
    { id: 'SC-8', title: 'Transmission Confidentiality and Integrity', group: sc },
    // Data Center: self-hosted products are patched and guard their login page themselves.
    { id: 'AC-7', title: 'Unsuccessful Logon Attempts', group: ac },
    { id: 'SI-2', title: 'Flaw Remediation', group: si },
    { id: 'CM-3', title: 'Configuration Change Control', group: cm },
    { id: 'CM-5', title: 'Access Restrictions for Change', group: cm },
    { id: 'SC-12', title: 'Cryptographic Key Establishment and Management', group: sc },
    { id: 'SC-28', title: 'Protection of Information at Rest', group: sc },
  ],
};
