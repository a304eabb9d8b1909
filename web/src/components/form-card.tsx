import { Alert, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useId } from 'react';

// The signed-out pages (sign in, first-run setup): one centred form with its title and the
// server's refusal. Fields are labelled with their exact words (no asterisk in the accessible
// name: issue 13 fixes "Email" and "Password").

export function FormCard({
  title,
  error,
  errorTitle,
  onSubmit,
  children,
}: {
  title: string;
  error: Error | null;
  errorTitle: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={440} maw="100%">
        <form onSubmit={submit} aria-labelledby={id}>
          <Stack>
            <Title order={1} size="h2" id={id}>
              {title}
            </Title>
            {error ? (
              <Alert color="red" role="alert" title={errorTitle}>
                {error.message}
              </Alert>
            ) : null}
            {children}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
  description?: string;
}

/** A required text field (type email or text). */
export function TextField({ type = 'text', ...props }: FieldProps & { type?: 'text' | 'email' }) {
  return (
    <TextInput
      label={props.label}
      type={type}
      autoComplete={props.autoComplete}
      description={props.description}
      required
      withAsterisk={false}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    />
  );
}

/** A required password field. */
export function PasswordField(props: FieldProps) {
  return (
    <PasswordInput
      label={props.label}
      autoComplete={props.autoComplete}
      description={props.description}
      required
      withAsterisk={false}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    />
  );
}
