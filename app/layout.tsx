import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import type { Metadata } from 'next';
import { ThemeProvider } from '@/components/shell/theme-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Modelkeep', template: '%s · Modelkeep' },
  description: 'Experiments, registry, sign-off, monitoring and audit for machine-learning models',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <ThemeProvider>{children}</ThemeProvider>
      </body>
    </html>
  );
}
