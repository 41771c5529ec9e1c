import type { Routes } from '@angular/router';
import { BoardComponent } from './board/board.component';

export const routes: Routes = [
  { path: '', component: BoardComponent, title: 'SimpleServerStatus' },
  // Loaded on demand: the board is what a wall screen opens.
  { path: 'servers/:id', loadComponent: () => import('./server-detail/server-detail.component').then((m) => m.ServerDetailComponent) },
  { path: '**', redirectTo: '' },
];
