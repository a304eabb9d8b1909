import { Button } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { FormCard, PasswordField, TextField } from '../components/form-card.tsx';

/** Where to go after signing in: only a path of this app (never another origin). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const signIn = useMutation({
    mutationFn: () => api('POST /api/v1/session', { body: { email, password } }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.setQueryData(queryKeys.session, session);
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  return (
    <FormCard
      title="Sign in to Palisade"
      error={signIn.error}
      errorTitle="Sign-in failed"
      onSubmit={() => signIn.mutate()}
    >
      <TextField label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} />
      <PasswordField
        label="Password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      <Button type="submit" loading={signIn.isPending}>
        Sign in
      </Button>
    </FormCard>
  );
}
