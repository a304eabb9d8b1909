import { Alert, Button, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { FormCard, PasswordField, TextField } from '../components/form-card.tsx';

/** First run: the link `palisade serve` prints (/setup?token=…) creates the owner and signs them in. */
export function SetupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const client = useQueryClient();
  const required = useQuery({ queryKey: ['setup'], queryFn: () => api('GET /api/v1/setup') });
  const setup = useMutation({
    mutationFn: () => api('POST /api/v1/setup', { body: { token, name, email, password } }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.setQueryData(queryKeys.session, session);
      navigate('/', { replace: true });
    },
  });
  return (
    <FormCard
      title="Create the owner"
      error={setup.error}
      errorTitle="Setup failed"
      onSubmit={() => setup.mutate()}
    >
      {required.data?.required === false ? (
        <Alert color="blue" title="Palisade is set up">
          The owner exists already. <Link to="/sign-in">Sign in</Link>.
        </Alert>
      ) : null}
      {!token ? (
        <Alert color="yellow" title="No setup link">
          Open the setup link that <code>palisade serve</code> printed (it ends in ?token=…).
        </Alert>
      ) : null}
      <TextField label="Name" autoComplete="name" value={name} onChange={setName} />
      <TextField label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} />
      <PasswordField
        label="Password"
        autoComplete="new-password"
        description="At least 12 characters."
        value={password}
        onChange={setPassword}
      />
      <Button type="submit" loading={setup.isPending} disabled={!token}>
        Create the owner
      </Button>
      <Text size="sm" c="dimmed">
        The owner may then add people, connect Atlassian and grant the revocation right.
      </Text>
    </FormCard>
  );
}
