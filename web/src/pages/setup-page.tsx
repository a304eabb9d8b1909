import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';

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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate();
  };
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={440} maw="100%">
        <form onSubmit={submit} aria-labelledby="setup-title">
          <Stack>
            <Title order={1} size="h2" id="setup-title">
              Create the owner
            </Title>
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
            {setup.isError ? (
              <Alert color="red" role="alert" title="Setup failed">
                {setup.error.message}
              </Alert>
            ) : null}
            <TextInput
              label="Name"
              autoComplete="name"
              required
              withAsterisk={false}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              withAsterisk={false}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="new-password"
              required
              withAsterisk={false}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              description="At least 12 characters."
            />
            <Button type="submit" loading={setup.isPending} disabled={!token}>
              Create the owner
            </Button>
            <Text size="sm" c="dimmed">
              The owner may then add people, connect Atlassian and grant the revocation right.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
