import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { withTranslation, type WithTranslation } from 'react-i18next';
import { ALL_NAMESPACES } from '../i18n/useT';

interface Props extends WithTranslation<typeof ALL_NAMESPACES> {
  children: ReactNode;
  onHome?: () => void;
  /** Changing this key (e.g. the current area) clears a shown error. */
  resetKey?: string;
}

interface State {
  failed: boolean;
  resetKey: string | undefined;
}

/** Catches a rendering error in one view and shows a translated message instead of a blank window. */
class ErrorBoundaryInner extends Component<Props, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { failed: false, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // Deliberately not logged with its message: it may contain personal data.
  }

  override render() {
    const { t, children, onHome } = this.props;
    if (!this.state.failed) return children;
    return (
      <Alert role="alert" color="red" icon={<IconAlertTriangle aria-hidden />} title={t('errors:boundary_title')}>
        <Stack gap="sm">
          <span>{t('errors:boundary_text')}</span>
          <Group>
            <Button variant="default" color="red" onClick={() => this.setState({ failed: false })}>
              {t('errors:boundary_retry')}
            </Button>
            {onHome && (
              <Button variant="subtle" onClick={onHome}>
                {t('errors:boundary_home')}
              </Button>
            )}
          </Group>
        </Stack>
      </Alert>
    );
  }
}

export const ErrorBoundary = withTranslation(ALL_NAMESPACES)(ErrorBoundaryInner);
