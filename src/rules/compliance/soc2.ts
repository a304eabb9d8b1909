import type { Framework } from './framework.ts';

// AICPA SOC 2: the 2017 Trust Services Criteria (with the revised points of focus, 2022), common
// criteria for security. The criteria have no official short titles; each title here summarises
// the criterion's text, the id is the official one.

const cc6 = 'CC6 Logical and Physical Access Controls';
const cc7 = 'CC7 System Operations';
const cc8 = 'CC8 Change Management';
const cc9 = 'CC9 Risk Mitigation';

export const soc2: Framework = {
  id: 'soc2',
  title: 'SOC 2 Trust Services Criteria (2017)',
  version: '2017 (revised points of focus, 2022)',
  url: 'https://www.aicpa-cima.com/resources/download/2017-trust-services-criteria-with-revised-points-of-focus-2022',
  note:
    'Common criteria that a configuration check of an Atlassian Cloud organization can evidence; ' +
    'governance (CC1–CC5) and physical access (CC6.4, CC6.5) are out of scope.',
  controls: [
    {
      id: 'CC6.1',
      title: 'Logical access security software, infrastructure and architectures protect information assets',
      group: cc6,
    },
    {
      id: 'CC6.2',
      title:
        'Users are registered and authorized before credentials are issued, and removed when no longer authorized',
      group: cc6,
    },
    {
      id: 'CC6.3',
      title:
        'Access is authorized, modified and removed by role, with least privilege and segregation of duties',
      group: cc6,
    },
    {
      id: 'CC6.6',
      title: 'Logical access measures protect against threats from outside the system boundaries',
      group: cc6,
    },
    {
      id: 'CC6.7',
      title: 'Transmission, movement and removal of information is restricted to authorized users',
      group: cc6,
    },
    { id: 'CC6.8', title: 'Unauthorized or malicious software is prevented or detected', group: cc6 },
    {
      id: 'CC7.1',
      title: 'Configuration changes that introduce vulnerabilities, and new vulnerabilities, are detected',
      group: cc7,
    },
    {
      id: 'CC7.2',
      title: 'System components are monitored for anomalies indicative of malicious acts',
      group: cc7,
    },
    {
      id: 'CC8.1',
      title: 'Changes to infrastructure, data and software are authorized, tested and approved',
      group: cc8,
    },
    { id: 'CC9.2', title: 'Risks from vendors and business partners are assessed and managed', group: cc9 },
  ],
};
