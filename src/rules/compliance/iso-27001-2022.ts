import type { Framework } from './framework.ts';

// ISO/IEC 27001:2022 Annex A: the controls a SaaS tenant's configuration can evidence. Ids and
// titles as in Annex A (the same as ISO/IEC 27002:2022).

const organizational = 'A.5 Organizational controls';
const people = 'A.6 People controls';
const technological = 'A.8 Technological controls';

export const iso270012022: Framework = {
  id: 'iso-27001-2022',
  title: 'ISO/IEC 27001:2022',
  version: '2022',
  url: 'https://www.iso.org/standard/27001',
  note:
    'Annex A controls that a configuration check of an Atlassian Cloud organization can evidence; ' +
    'the management-system clauses (4–10) and physical controls (A.7) are out of scope.',
  controls: [
    { id: 'A.5.3', title: 'Segregation of duties', group: organizational },
    { id: 'A.5.9', title: 'Inventory of information and other associated assets', group: organizational },
    {
      id: 'A.5.10',
      title: 'Acceptable use of information and other associated assets',
      group: organizational,
    },
    { id: 'A.5.12', title: 'Classification of information', group: organizational },
    { id: 'A.5.14', title: 'Information transfer', group: organizational },
    { id: 'A.5.15', title: 'Access control', group: organizational },
    { id: 'A.5.16', title: 'Identity management', group: organizational },
    { id: 'A.5.17', title: 'Authentication information', group: organizational },
    { id: 'A.5.18', title: 'Access rights', group: organizational },
    { id: 'A.5.19', title: 'Information security in supplier relationships', group: organizational },
    {
      id: 'A.5.21',
      title:
        'Managing information security in the information and communication technology (ICT) supply chain',
      group: organizational,
    },
    {
      id: 'A.5.22',
      title: 'Monitoring, review and change management of supplier services',
      group: organizational,
    },
    { id: 'A.5.23', title: 'Information security for use of cloud services', group: organizational },
    { id: 'A.5.33', title: 'Protection of records', group: organizational },
    {
      id: 'A.5.34',
      title: 'Privacy and protection of personal identifiable information (PII)',
      group: organizational,
    },
    { id: 'A.6.7', title: 'Remote working', group: people },
    { id: 'A.8.1', title: 'User endpoint devices', group: technological },
    { id: 'A.8.2', title: 'Privileged access rights', group: technological },
    { id: 'A.8.3', title: 'Information access restriction', group: technological },
    { id: 'A.8.5', title: 'Secure authentication', group: technological },
    { id: 'A.8.9', title: 'Configuration management', group: technological },
    { id: 'A.8.12', title: 'Data leakage prevention', group: technological },
    { id: 'A.8.15', title: 'Logging', group: technological },
    { id: 'A.8.16', title: 'Monitoring activities', group: technological },
    { id: 'A.8.19', title: 'Installation of software on operational systems', group: technological },
    { id: 'A.8.20', title: 'Networks security', group: technological },
    { id: 'A.8.21', title: 'Security of network services', group: technological },
    { id: 'A.8.32', title: 'Change management', group: technological },
    { id: 'A.8.8', title: 'Management of technical vulnerabilities', group: technological },
    { id: 'A.8.4', title: 'Access to source code', group: technological },
    { id: 'A.8.24', title: 'Use of cryptography', group: technological },
  ],
};
