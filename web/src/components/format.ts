// How the app writes instants: local time, `2025-09-01 14:30` (the API sends ISO 8601 in UTC).
import dayjs from 'dayjs';

export const formatTime = (iso: string): string => dayjs(iso).format('YYYY-MM-DD HH:mm');
