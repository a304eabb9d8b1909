// Word lists for generated tenants. All invented: no real people and, apart from Atlassian, no real
// vendors, so a generated tenant never points at anything that exists.

// biome-ignore format: a word list reads better packed
export const FIRST_NAMES = [
  'Ada', 'Alan', 'Alice', 'Amara', 'Amir', 'Ana', 'Anika', 'Arjun', 'Ben', 'Bianca', 'Bruno', 'Carla',
  'Chen', 'Chloe', 'Dan', 'Dana', 'Daria', 'David', 'Diego', 'Elena', 'Eli', 'Emma', 'Erik', 'Esra', 'Farah',
  'Felix', 'Fiona', 'Gabriel', 'Grace', 'Hana', 'Hugo', 'Ian', 'Ines', 'Isaac', 'Ivy', 'Jack', 'Jana',
  'Jonas', 'Julia', 'Kai', 'Kara', 'Kenji', 'Lara', 'Leo', 'Lina', 'Liam', 'Lucas', 'Maya', 'Mei', 'Mila',
  'Nadia', 'Nathan', 'Nia', 'Noah', 'Nora', 'Olga', 'Omar', 'Oscar', 'Priya', 'Quinn', 'Rafael', 'Rania',
  'Ravi', 'Rosa', 'Ruth', 'Sam', 'Sara', 'Sofia', 'Tariq', 'Tess', 'Theo', 'Tom', 'Uma', 'Vera', 'Victor',
  'Wen', 'Will', 'Xena', 'Yara', 'Yusuf', 'Zoe', 'Zane', 'Aiko', 'Bilal', 'Cora', 'Dev', 'Elif', 'Femi',
  'Gita', 'Hiro', 'Ingrid', 'Joao', 'Kofi', 'Lena', 'Marek', 'Nina',
];

// biome-ignore format: a word list reads better packed
export const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersen', 'Bauer', 'Becker', 'Bianchi', 'Brooks', 'Castro', 'Chandra',
  'Chen', 'Costa', 'Dubois', 'Duarte', 'Eriksen', 'Evans', 'Fischer', 'Fonseca', 'Garcia', 'Gupta', 'Hansen',
  'Hayes', 'Ibrahim', 'Ito', 'Jansen', 'Jensen', 'Kaur', 'Keller', 'Kim', 'Kowalski', 'Larsen', 'Lee',
  'Lopez', 'Maier', 'Martin', 'Meyer', 'Moreau', 'Morris', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen',
  'Ortiz', 'Park', 'Patel', 'Perez', 'Petrov', 'Quinn', 'Ramos', 'Reyes', 'Rossi', 'Sato', 'Schmidt',
  'Silva', 'Singh', 'Sousa', 'Suzuki', 'Tanaka', 'Torres', 'Usman', 'Varga', 'Vogel', 'Walsh', 'Weber',
  'Wong', 'Yamada', 'Young', 'Zhang', 'Ziegler', 'Moreno', 'Haddad', 'Lind', 'Berg', 'Kovac',
];

// biome-ignore format: a word list reads better packed
export const DEPARTMENTS = [
  'Engineering', 'Product', 'Design', 'Marketing', 'Sales', 'Support', 'Finance', 'People', 'Legal', 'IT',
  'Security', 'Operations', 'Data',
];

// biome-ignore format: a word list reads better packed
export const JOB_TITLES = [
  'Software Engineer', 'Senior Software Engineer', 'Engineering Manager', 'Product Manager', 'Designer',
  'Support Engineer', 'Account Executive', 'Marketing Manager', 'Data Analyst', 'Financial Analyst',
  'Recruiter', 'IT Administrator', 'Security Engineer', 'QA Engineer', 'Technical Writer', 'Team Lead',
];

// biome-ignore format: a word list reads better packed
export const TIME_ZONES = [
  'Australia/Sydney', 'America/Los_Angeles', 'America/New_York', 'America/Chicago', 'Europe/London',
  'Europe/Berlin', 'Europe/Amsterdam', 'Asia/Tokyo', 'Asia/Kolkata', 'America/Sao_Paulo',
];

/** Webmail and contractor domains: accounts here are never at the org's verified domain. */
// biome-ignore format: a word list reads better packed
export const EXTERNAL_DOMAINS = [
  'gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'northwind-contractors.example',
  'brightpath-consulting.example', 'tallgrass-agency.example',
];

// biome-ignore format: a word list reads better packed
export const CUSTOMER_DOMAINS = [
  'customer-one.example', 'retailco.example', 'clinic-net.example', 'gmail.com',
];

// biome-ignore format: a word list reads better packed
export const COMPANY_NAMES = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne',
  'Soylent', 'Wonka', 'Gringotts', 'Oceanic', 'Monarch', 'Massive',
];

// biome-ignore format: a word list reads better packed
export const TEAM_WORDS = [
  'platform', 'payments', 'mobile', 'web', 'data', 'growth', 'search', 'billing', 'identity', 'infra',
  'security', 'support', 'design', 'marketing', 'sales', 'finance', 'legal', 'people', 'analytics', 'api',
  'checkout', 'catalog', 'ops', 'qa', 'docs', 'partners', 'onboarding', 'reporting', 'ml', 'integrations',
];

// biome-ignore format: a word list reads better packed
export const PROJECT_WORDS = [
  'Platform', 'Payments', 'Mobile App', 'Website', 'Data Pipeline', 'Growth', 'Search', 'Billing',
  'Identity', 'Infrastructure', 'Security', 'IT Help Desk', 'Design System', 'Marketing Ops', 'Sales Ops',
  'Finance', 'Legal Requests', 'People Ops', 'Analytics', 'Public API', 'Checkout', 'Catalog', 'Operations',
  'Quality', 'Documentation', 'Partner Portal', 'Onboarding', 'Reporting', 'Machine Learning',
  'Integrations', 'Customer Support', 'Roadmap', 'Facilities', 'Procurement', 'Compliance',
];

// biome-ignore format: a word list reads better packed
export const VENDOR_FIRST = [
  'Bluefin', 'Tandem', 'Copperleaf', 'Northstar', 'Quillwork', 'Redwood', 'Silverline', 'Brightgate',
  'Kestrel', 'Lumen', 'Harbor', 'Ironbark', 'Juniper', 'Marlin', 'Orchard', 'Pinecrest', 'Sable',
  'Tidewater', 'Vantage', 'Willow', 'Cobalt', 'Driftwood', 'Ember', 'Foxglove',
];

export const VENDOR_SECOND = ['Labs', 'Software', 'Apps', 'Systems', 'Tools', 'Works', 'Cloud', 'Studio'];

// biome-ignore format: a word list reads better packed
export const APP_NOUNS = [
  'Timesheets', 'Diagrams', 'Checklists', 'Forms', 'Reports', 'Sync', 'Backup', 'Roadmaps',
  'Test Management', 'Automation', 'Templates', 'Time Tracker', 'Charts', 'Exporter', 'Translator', 'Gantt',
  'Secure Notes', 'Approvals', 'Asset Tracker', 'Planning Poker', 'Macros', 'Dashboards', 'Git Integration',
  'Chat Connector', 'Calendar', 'Whiteboards', 'Release Notes', 'SLA Monitor', 'Email Handler',
  'Excel Importer',
];

// biome-ignore format: a word list reads better packed
export const APP_ADJECTIVES = [
  'Smart', 'Easy', 'Better', 'Simple', 'Power', 'Rapid', 'Clear', 'Total', 'Pro', 'Handy',
];

export const ATLASSIAN_APPS = [
  { key: 'com.atlassian.jira.slack', name: 'Jira Cloud for Slack', products: ['jira'] as const },
  {
    key: 'com.atlassian.confluence.slack',
    name: 'Confluence Cloud for Slack',
    products: ['confluence'] as const,
  },
  { key: 'com.atlassian.jira.emcee', name: 'Atlassian Marketplace for Jira', products: ['jira'] as const },
  { key: 'com.atlassian.jira.github', name: 'GitHub for Jira', products: ['jira'] as const },
  {
    key: 'com.atlassian.confluence.jira.macros',
    name: 'Jira Macros for Confluence',
    products: ['confluence'] as const,
  },
  { key: 'com.atlassian.jira.teams', name: 'Jira Cloud for Microsoft Teams', products: ['jira'] as const },
  {
    key: 'com.atlassian.analytics.export',
    name: 'Atlassian Data Export',
    products: ['jira', 'confluence'] as const,
  },
  { key: 'com.atlassian.jira.forms', name: 'Forms for Jira', products: ['jira'] as const },
];

export const SYSTEM_APPS = [
  {
    key: 'com.atlassian.jira.plugins.jira-development-integration-plugin',
    name: 'Development Tools Integration',
    products: ['jira'] as const,
  },
  {
    key: 'com.atlassian.jira.project-templates-plugin',
    name: 'Project Templates',
    products: ['jira'] as const,
  },
  {
    key: 'com.atlassian.confluence.plugins.confluence-analytics',
    name: 'Confluence Analytics',
    products: ['confluence'] as const,
  },
];
